package io.parkops.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkops.testing.InfluxServer;
import io.parkops.testing.RealServices;
import java.io.ByteArrayOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A confirmable CoAP message sent again with the same message id (a device whose ACK was lost) is
 * answered from memory and stored once; the memory is bounded per device address, so a
 * retransmission older than {@code CoapIngressConfig.DEFAULT_DEDUPLICATED_PER_DEVICE} messages is taken
 * again. coap-client cannot resend one message id on purpose, so the device here writes its
 * datagrams itself (RFC 7252 §3).
 */
@ExtendWith(RealServices.class)
@Timeout(90)
class CoapRetransmissionTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final int REMEMBERED_PER_DEVICE = 32; // CoapIngressConfig.DEFAULT_DEDUPLICATED_PER_DEVICE

    @Test
    void aRetransmissionIsAnsweredButStoredOnceWithinTheBound(InfluxServer influx, @TempDir Path dir) throws Exception {
        try (TestPlatform p = TestPlatform.start(influx, dir, null, TestPlatform.ANONYMOUS_DEVICES);
             DatagramSocket device = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            device.setSoTimeout(5_000);
            int port = p.platform.coapPort();
            byte[] first = post(1, "{\"co2\":1201}");
            assertThat(exchange(device, port, first)).isEqualTo("2.04");
            assertThat(exchange(device, port, first)).as("the retransmission's answer").isEqualTo("2.04");
            for (int n = 0; n < REMEMBERED_PER_DEVICE + 8; n++) {
                assertThat(exchange(device, port, post(100 + n, "{\"co2\":" + (1300 + n) + "}"))).isEqualTo("2.04");
            }
            awaitRows(p, influx, 1300 + REMEMBERED_PER_DEVICE + 7, 1); // every later message is stored
            assertThat(rows(p, influx, 1201)).as("the retransmission within the bound is stored once").hasSize(1);

            assertThat(exchange(device, port, first)).as("a retransmission beyond the bound").isEqualTo("2.04");
            awaitRows(p, influx, 1201, 2);
        }
    }

    private static void awaitRows(TestPlatform p, InfluxServer influx, int co2, int count) throws Exception {
        Eventually.await(WAIT, () -> rows(p, influx, co2), r -> r.size() == count, count + " point(s) with co2 " + co2);
    }

    private static List<List<Object>> rows(TestPlatform p, InfluxServer influx, int co2) throws Exception {
        return influx.rows(p.influxDb, "SELECT co2 FROM environment WHERE thing = 'nanan:iaq-0001' AND co2 = " + co2);
    }

    /** Sends one datagram and returns the response code of the ACK for it, e.g. "2.04". */
    private static String exchange(DatagramSocket device, int port, byte[] message) throws Exception {
        device.send(new DatagramPacket(message, message.length, InetAddress.getLoopbackAddress(), port));
        byte[] buffer = new byte[1500];
        while (true) {
            DatagramPacket answer = new DatagramPacket(buffer, buffer.length);
            device.receive(answer);
            boolean ack = (buffer[0] >> 4 & 0x3) == 2;
            boolean sameId = buffer[2] == message[2] && buffer[3] == message[3];
            if (ack && sameId) {
                return (buffer[1] >> 5 & 0x7) + "." + String.format("%02d", buffer[1] & 0x1f);
            }
        }
    }

    /**
     * A confirmable POST to /telemetry/nanan/iaq-0001, JSON, without a device timestamp (so a second
     * copy would be a second point at its own ingest time). The token is the message id.
     */
    private static byte[] post(int messageId, String json) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x42); // version 1, confirmable, token length 2
        out.write(0x02); // POST
        out.write(messageId >> 8);
        out.write(messageId);
        out.write(messageId >> 8);
        out.write(messageId);
        option(out, 11, "telemetry"); // Uri-Path, option 11
        option(out, 0, "nanan");
        option(out, 0, "iaq-0001");
        out.write(0x11); // Content-Format (12 = 11 + 1), one byte:
        out.write(50); // application/json
        out.write(0xff);
        out.writeBytes(json.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static void option(ByteArrayOutputStream out, int delta, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
        out.write(delta << 4 | bytes.length); // every value here is shorter than 13 bytes
        out.writeBytes(bytes);
    }
}
