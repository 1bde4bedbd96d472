package io.parkops.rules.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkops.model.Addresses;
import io.parkops.model.Alert;
import io.parkops.model.AlertState;
import io.parkops.model.Device;
import io.parkops.model.Severity;
import io.parkops.model.ThingId;
import io.parkops.model.bus.LocalCodec;
import io.parkops.testing.ExternalCommand;
import io.parkops.testing.MosquittoSub;
import io.parkops.testing.MosquittoServer;
import io.parkops.testing.RealServices;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Alert notifications to the real Mosquitto (read by mosquitto_sub) and to a real HTTP webhook receiver. */
@ExtendWith(RealServices.class)
@Timeout(30)
class NotifyTest {

    private static final String SECRET = "0123456789abcdef-secret";
    private static final Device LEAK = new Device(ThingId.of("nanan", "leak-7"), "leak-sensor", Map.of());

    private Vertx vertx;
    private HttpServer receiver;
    private final List<io.vertx.core.http.HttpServerRequest> requests = new CopyOnWriteArrayList<>();
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        LocalCodec.registerAll(vertx);
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** A receiver that answers 500 to the first {@code failures} calls, then 204. */
    private URI receiver(int failures) throws Exception {
        receiver = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
            requests.add(req);
            bodies.add(body.toString());
            req.response().setStatusCode(calls.incrementAndGet() <= failures ? 500 : 204).end();
        })).listen(0).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        return URI.create("http://127.0.0.1:" + receiver.actualPort() + "/hook");
    }

    private DeadLetters deploy(NotifyConfig config) throws Exception {
        DeadLetters dead = new DeadLetters(10);
        vertx.deployVerticle(new NotifyVerticle(config, dead)).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return dead;
    }

    private static Alert alert(String id, Severity severity) {
        return new Alert(id, LEAK, "leak-wet", severity, AlertState.ACTIVE_UNACK, 1, 1, "wet", 1000, 1000, null, null);
    }

    @Test
    void webhookFailingTwiceIsRetriedWithBackoffAndSigned() throws Exception {
        URI url = receiver(2);
        deploy(new NotifyConfig(null, 0, "n", List.of(new Webhook("crew", url, "nanan", Severity.MAJOR, SECRET)), 5,
                Duration.ofMillis(100), 10));
        long start = System.nanoTime();
        vertx.eventBus().publish(Addresses.ALERT_CHANGED, alert("a1", Severity.CRITICAL));
        vertx.eventBus().publish(Addresses.ALERT_CHANGED, alert("a2", Severity.WARNING)); // below minSeverity
        Eventually.await(() -> calls.get() >= 3);
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(elapsedMs).as("100 ms then 200 ms of backoff").isGreaterThanOrEqualTo(300);
        Thread.sleep(300);
        assertThat(calls.get()).as("delivered on the third attempt, nothing more").isEqualTo(3);
        assertThat(bodies).allSatisfy(b -> assertThat(new JsonObject(b).getString("id")).isEqualTo("a1"));
        String signature = requests.get(2).getHeader(Signature.HEADER);
        assertThat(signature).isEqualTo(Signature.sign(SECRET, bodies.get(2).getBytes()));
        assertThat(signature).startsWith("sha256=").hasSize(7 + 64);
    }

    @Test
    void givenUpDeliveriesAreDeadLetters() throws Exception {
        URI url = receiver(100);
        DeadLetters dead = deploy(new NotifyConfig(null, 0, "n", List.of(new Webhook("crew", url, null, null, SECRET)), 3,
                Duration.ofMillis(20), 10));
        vertx.eventBus().publish(Addresses.ALERT_CHANGED, alert("a1", Severity.WARNING));
        Eventually.await(() -> dead.size() == 1);
        JsonObject letter = dead.toJson().getJsonObject(0);
        assertThat(letter.getString("alertId")).isEqualTo("a1");
        assertThat(letter.getInteger("attempts")).isEqualTo(3);
        assertThat(letter.getString("lastError")).isEqualTo("HTTP 500");
        assertThat(calls.get()).isEqualTo(3);
    }

    @Test
    void alertsGoToMqttWithQos1AndSuppressedOnesDoNot(MosquittoServer mosquitto) throws Exception {
        deploy(new NotifyConfig(mosquitto.host(), mosquitto.port(), "parkops-notify-test", List.of(), 1,
                Duration.ofMillis(10), 10));
        MosquittoSub sub = MosquittoSub.subscribed("-h", mosquitto.host(), "-p", String.valueOf(mosquitto.port()),
                "-q", "1", "-t", "alerts/nanan/+", "-C", "1", "-W", "10", "-v");
        vertx.eventBus().publish(Addresses.ALERT_CHANGED, alert("s1", Severity.CRITICAL).withSuppression("mw-1", 1001));
        vertx.eventBus().publish(Addresses.ALERT_CHANGED, alert("a1", Severity.CRITICAL));
        ExternalCommand.Result result = sub.await(Duration.ofSeconds(20));
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.stdout()).startsWith("alerts/nanan/leak-7 ");
        JsonObject json = new JsonObject(result.stdout().substring("alerts/nanan/leak-7 ".length()).trim());
        assertThat(json.getString("id")).as("the suppressed alert was not sent").isEqualTo("a1");
        assertThat(json.getString("severity")).isEqualTo("critical");
    }

    /** Polls every 20 ms; the test's timeout bounds the wait. */
    static final class Eventually {
        static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
            while (!condition.getAsBoolean()) {
                Thread.sleep(20);
            }
        }
    }
}
