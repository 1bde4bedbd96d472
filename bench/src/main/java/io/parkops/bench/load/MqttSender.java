package io.parkops.bench.load;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.datatypes.MqttTopic;
import com.hivemq.client.mqtt.lifecycle.MqttDisconnectSource;
import com.hivemq.client.mqtt.mqtt3.Mqtt3RxClient;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3PublishResult;
import io.reactivex.Completable;
import io.reactivex.FlowableSubscriber;
import io.reactivex.Scheduler;
import io.reactivex.processors.UnicastProcessor;
import io.reactivex.schedulers.Schedulers;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.reactivestreams.Subscription;

/**
 * QoS 1 publisher over a few MQTT 3.1.1 connections (HiveMQ client, reactive API). Each connection
 * carries one long-lived stream of publishes ({@code publish(Flowable)}, what the client is built
 * for) instead of one future per message, and the results (one per PUBACK) are handled on the
 * Netty thread that read the PUBACK rather than handed over to RxJava's computation pool. The
 * caller's {@link Acks} bounds what is in flight, so the unbounded hand-over queue stays small.
 *
 * <p>With several ports (one per cluster node) connection {@code c} goes to port {@code c mod n}, and
 * a connection the server drops reconnects to the next port, as a device behind a load balancer
 * would reach a surviving node. Its messages in flight then fail (clean session, not republished):
 * not acknowledged, so not counted as accepted.
 */
final class MqttSender implements Sender {

    private static final int NETTY_THREADS = 1;
    private final List<Mqtt3RxClient> clients = new ArrayList<>();
    private final List<UnicastProcessor<Mqtt3Publish>> streams = new ArrayList<>();
    private final MqttTopic[] topics;
    private final List<AtomicBoolean> gone = new ArrayList<>();
    private final AtomicInteger reconnects = new AtomicInteger();
    private final Callback callback;

    MqttSender(LoadArgs args, Callback callback) {
        this.callback = callback;
        topics = new MqttTopic[args.devices()];
        for (int d = 0; d < topics.length; d++) {
            topics[d] = MqttTopic.of("telemetry/" + args.tenant() + "/" + args.deviceId(d));
        }
        String run = UUID.randomUUID().toString().substring(0, 8);
        Scheduler direct = Schedulers.trampoline(); // run callbacks where the PUBACK was read
        List<Completable> connects = new ArrayList<>();
        for (int c = 0; c < args.connections(); c++) {
            List<Integer> ports = args.ports();
            var builder = MqttClient.builder().useMqttVersion3()
                    .identifier("bench-" + run + "-" + c)
                    .serverHost(args.host()).serverPort(ports.get(c % ports.size()))
                    .executorConfig().nettyThreads(NETTY_THREADS).applicationScheduler(direct).applyExecutorConfig();
            if (ports.size() > 1) {
                builder = builder.addDisconnectedListener(ctx -> {
                    if (ctx.getSource() != MqttDisconnectSource.USER) {
                        int next = ports.get((ports.indexOf(ctx.getClientConfig().getServerPort()) + 1) % ports.size());
                        reconnects.incrementAndGet();
                        ctx.getReconnector().reconnect(true).delay(200 + ThreadLocalRandom.current().nextInt(800), TimeUnit.MILLISECONDS)
                                .transportConfig().serverHost(args.host()).serverPort(next).applyTransportConfig();
                    }
                });
            }
            Mqtt3RxClient client = builder.buildRx();
            clients.add(client);
            connects.add(client.connectWith().cleanSession(true).keepAlive(60).applyConnect().ignoreElement());
        }
        Completable.merge(connects).timeout(30, TimeUnit.SECONDS).blockingAwait();
        for (Mqtt3RxClient client : clients) {
            UnicastProcessor<Mqtt3Publish> stream = UnicastProcessor.create();
            AtomicBoolean ended = new AtomicBoolean();
            client.publish(stream).subscribe(new Outcomes(callback, ended));
            streams.add(stream);
            gone.add(ended);
        }
    }

    @Override
    public void send(int device, byte[] payload) {
        int c = device % streams.size();
        if (gone.get(c).get()) { // its stream ended: nobody would ever answer this message
            callback.done(Outcome.FAILED);
            return;
        }
        streams.get(c).onNext(Mqtt3Publish.builder().topic(topics[device])
                .qos(MqttQos.AT_LEAST_ONCE).payload(payload).build());
    }

    @Override
    public void close() {
        if (reconnects.get() > 0) {
            System.out.println("RECONNECTS " + reconnects.get());
        }
        streams.forEach(UnicastProcessor::onComplete);
        for (Mqtt3RxClient c : clients) {
            try {
                c.disconnect().timeout(5, TimeUnit.SECONDS).blockingAwait();
            } catch (RuntimeException e) {
                // the run is over; a slow disconnect changes no number
            }
        }
    }

    /** One subscriber per connection: one PUBACK (or failure) in, one outcome out. */
    private static final class Outcomes implements FlowableSubscriber<Mqtt3PublishResult> {

        private final Callback callback;
        private final AtomicBoolean ended;

        Outcomes(Callback callback, AtomicBoolean ended) {
            this.callback = callback;
            this.ended = ended;
        }

        @Override
        public void onSubscribe(Subscription s) {
            s.request(Long.MAX_VALUE); // the in-flight bound is upstream, in Acks
        }

        @Override
        public void onNext(Mqtt3PublishResult result) {
            Mqtt3Publish publish = result.getPublish();
            callback.done(result.getError().isPresent() ? Outcome.FAILED : Outcome.ACCEPTED, publish.getTopic().toString(),
                    publish.getPayload().map(Payloads::sentAt).orElse(-1L));
        }

        @Override
        public void onError(Throwable t) {
            // the connection is gone: what is still in flight has no outcome and is counted as failed
            ended.set(true);
        }

        @Override
        public void onComplete() {
            // the stream was closed at the end of the run
        }
    }
}
