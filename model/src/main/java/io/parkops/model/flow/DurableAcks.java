package io.parkops.model.flow;

/**
 * The ack ids (see {@link IngestGate#ACK_ID_HEADER}) of messages whose points are now durable,
 * sent by the InfluxDB writer to one ingress's ack address: one event-bus message per flush
 * instead of one per device message.
 */
public record DurableAcks(long[] ids) {
}
