package io.parkops.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import io.parkops.testing.ExternalCommand;
import io.parkops.testing.MosquittoSub;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * MQTT scenarios that run the same on the embedded broker and on the Vert.x endpoint, with real
 * clients: a gateway takes the command of a device behind it and answers it; a crew signed in with
 * its API token reads an alert with mosquitto_sub.
 */
final class MqttScenarios {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private MqttScenarios() {
    }

    /**
     * Gateway {@code gw-01} of nanan with {@code credentials} (JSON), the meters {@code meter-001} ..
     * that name it in {@code via} (without credentials of their own: they never sign in, their gateway
     * does, and hundreds of bcrypt hashes are slow), and the hvac-loop {@code loop-1} behind it.
     */
    static void provisionGatewayAndMeters(TestPlatform p, String credentials, int meters) throws Exception {
        provision(p, "{\"tenant\":\"nanan\",\"deviceId\":\"gw-01\",\"type\":\"gateway\",\"attributes\":{\"building\":\"b1\"},"
                + "\"credentials\":" + credentials + "}");
        for (int i = 1; i <= meters; i++) {
            provision(p, "{\"tenant\":\"nanan\",\"deviceId\":\"" + meter(i) + "\",\"type\":\"energy-meter\","
                    + "\"attributes\":{\"building\":\"b1\",\"floor\":\"" + (1 + i % 6) + "\"},\"via\":[\"gw-01\"]}");
        }
        provision(p, "{\"tenant\":\"nanan\",\"deviceId\":\"loop-1\",\"type\":\"hvac-loop\",\"via\":[\"gw-01\"]}");
    }

    static void provision(TestPlatform p, String body) throws Exception {
        java.net.http.HttpResponse<String> r = p.post("/api/devices", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    static String meter(int i) {
        return String.format("meter-%03d", i);
    }

    /** An MQTT 5 client (made from {@code builder}) signed in to the platform's MQTT port with a clean start. */
    static Mqtt5AsyncClient signIn(TestPlatform p, Mqtt5ClientBuilder builder, String clientId, String username, String password)
            throws Exception {
        Mqtt5AsyncClient client = builder.identifier(clientId).serverHost("127.0.0.1").serverPort(p.platform.mqttPort())
                .simpleAuth().username(username).password(password.getBytes(StandardCharsets.UTF_8)).applySimpleAuth().buildAsync();
        client.connectWith().cleanStart(true).send().get(10, TimeUnit.SECONDS);
        return client;
    }

    static Mqtt5AsyncClient signIn(TestPlatform p, String clientId, String username, String password) throws Exception {
        return signIn(p, Mqtt5Client.builder(), clientId, username, password);
    }

    /**
     * The gateway subscribes for {@code tenant:loop} (an hvac-loop behind it), a desired setpoint is
     * set over the twin API, the command reaches the subscription, and the gateway's answer shows as
     * the command acknowledged in the twin.
     */
    static void setpointReachesTheGatewayAndItsAnswerIsTaken(TestPlatform p, Mqtt5AsyncClient gateway, String tenant, String loop)
            throws Exception {
        String thing = "/api/2/things/" + tenant + ":" + loop;
        String requests = "command/" + tenant + "/" + loop + "/req/";
        BlockingQueue<Mqtt5Publish> commands = new LinkedBlockingQueue<>();
        assertThat(gateway.subscribeWith().topicFilter(requests + "#").qos(MqttQos.AT_LEAST_ONCE).callback(commands::add).send()
                .get(10, TimeUnit.SECONDS).getReasonCodes()).containsExactly(Mqtt5SubAckReasonCode.GRANTED_QOS_1);
        assertThat(p.send("PUT", thing + "/features/loop/desiredProperties/setpoint", "23.5", TestPlatform.ADMIN_TOKEN)
                .statusCode()).isEqualTo(201);
        Mqtt5Publish command = commands.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(command).as("a command on " + requests + "#").isNotNull();
        String topic = command.getTopic().toString();
        assertThat(topic).startsWith(requests).endsWith("/setSetpoint");
        assertThat(new String(command.getPayloadAsBytes(), StandardCharsets.UTF_8)).isEqualTo("{\"setpoint\":23.5}");

        String reqId = topic.split("/")[4];
        assertThat(gateway.publishWith().topic("command/" + tenant + "/" + loop + "/res/" + reqId + "/200").qos(MqttQos.AT_LEAST_ONCE)
                .send().get(10, TimeUnit.SECONDS).getError()).isEmpty();
        Eventually.await(WAIT, () -> commandOf(p, thing), c -> "acknowledged".equals(c.getString("state")),
                "the command acknowledged through the gateway");
    }

    /** The command state of an hvac-loop's desired setpoint, from the twin's metadata (null before any). */
    static JsonObject commandOf(TestPlatform p, String thing) throws Exception {
        JsonObject meta = new JsonObject(p.get(thing + "?fields=_metadata").body()).getJsonObject("_metadata");
        return meta == null ? null : meta.getJsonObject("features").getJsonObject("loop").getJsonObject("desiredProperties")
                .getJsonObject("setpoint").getJsonObject("command");
    }

    /**
     * A crew signs in with {@code token} and subscribes to {@code filter} with mosquitto_sub; nanan's
     * iaq-0003 then reports CO2 2600, which raises an alert: the one message the crew receives.
     */
    static JsonObject crewSeesTheAlert(TestPlatform p, String token, String filter) throws Exception {
        try (MosquittoSub crew = MosquittoSub.subscribed("-h", "127.0.0.1", "-p", String.valueOf(p.platform.mqttPort()),
                "-q", "1", "-u", "roof-crew", "-P", token, "-t", filter, "-C", "1", "-W", "30")) {
            ExternalCommand.Result co2 = DeviceClients.mosquittoPub("127.0.0.1", p.platform.mqttPort(), "nanan", "iaq-0003",
                    "{\"co2\":2600}");
            assertThat(co2.exitCode()).as(co2.output()).isZero();
            ExternalCommand.Result seen = crew.await(Duration.ofSeconds(40));
            assertThat(seen.exitCode()).as(seen.output()).isZero();
            return new JsonObject(seen.stdout().strip());
        }
    }

    /** The SUBACK's reason codes, whether HiveMQ's client reports a refusal as a value or as an exception. */
    static List<Mqtt5SubAckReasonCode> subscribe(Mqtt5AsyncClient client, String filter, BlockingQueue<Mqtt5Publish> into)
            throws Exception {
        try {
            return List.copyOf(client.subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE).callback(into::add).send()
                    .get(10, TimeUnit.SECONDS).getReasonCodes());
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(Mqtt5SubAckException.class);
            return List.copyOf(((Mqtt5SubAckException) e.getCause()).getMqttMessage().getReasonCodes());
        }
    }
}
