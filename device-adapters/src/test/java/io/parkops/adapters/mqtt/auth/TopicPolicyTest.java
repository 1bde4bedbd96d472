package io.parkops.adapters.mqtt.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkops.adapters.mqtt.auth.TopicPolicy.Verdict;
import io.parkops.adapters.registry.GatewayFixture;
import io.parkops.model.ThingId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TopicPolicyTest {

    private final TopicPolicy policy = new TopicPolicy("parkops");
    private final MqttClientIdentity device = MqttClientIdentity.device(ThingId.of("nanan", "iaq-0001"));

    @ParameterizedTest
    @CsvSource({
            "telemetry/nanan/iaq-0001, ALLOWED",
            "event/nanan/iaq-0001, ALLOWED",
            "command/nanan/iaq-0001/res/req-1/200, ALLOWED",
            "telemetry/nanan/iaq-0002, OTHER_DEVICE",
            "telemetry/xinshengli/iaq-0001, OTHER_DEVICE",
            "telemetry/nanan/iaq-0001/extra, OTHER_DEVICE",
            "event/nanan/iaq-00011, OTHER_DEVICE",
            "command/nanan/iaq-0002/res/req-1/200, OTHER_DEVICE",
            "command/nanan/iaq-0001/req/req-1/setSetpoint, OTHER_DEVICE",
            "alerts/nanan/iaq-0001, OTHER_DEVICE",
            "weather/today, NOT_A_DEVICE_TOPIC"})
    void aDevicePublishesOnlyToItsOwnTopics(String topic, Verdict expected) {
        assertThat(policy.publish(device, topic)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
            "command/nanan/iaq-0001/req/#, ALLOWED",
            "command/nanan/iaq-0001/req/+/setSetpoint, ALLOWED",
            "command/nanan/iaq-0002/req/#, OTHER_DEVICE",
            "command/nanan/+/req/#, OTHER_DEVICE",
            "command/#, OTHER_DEVICE",
            "telemetry/nanan/iaq-0001, OTHER_DEVICE",
            "#, OTHER_DEVICE",
            "+/nanan/iaq-0001, OTHER_DEVICE",
            "$share/parkops/telemetry/+/+, NOT_A_DEVICE_TOPIC"})
    void aDeviceSubscribesOnlyToItsOwnCommands(String filter, Verdict expected) {
        assertThat(policy.subscribe(device, filter)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
            "publish, command/nanan/iaq-0001/req/r1/setSetpoint, ALLOWED",
            "publish, alerts/nanan/iaq-0001, ALLOWED",
            "publish, telemetry/nanan/iaq-0001, NOT_FOR_SERVICE",
            "subscribe, $share/parkops/telemetry/+/+, ALLOWED",
            "subscribe, $share/parkops/command/+/+/res/#, ALLOWED",
            "subscribe, $share/other/telemetry/+/+, NOT_FOR_SERVICE",
            "subscribe, telemetry/#, NOT_FOR_SERVICE"})
    void theServiceLoginDoesOnlyThePlatformsWork(String action, String topic, Verdict expected) {
        Verdict v = action.equals("publish") ? policy.publish(MqttClientIdentity.SERVICE, topic)
                : policy.subscribe(MqttClientIdentity.SERVICE, topic);
        assertThat(v).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
            "subscribe, alerts/#, ALLOWED",
            "subscribe, alerts/nanan/+, ALLOWED",
            "subscribe, alerts/xinshengli/leak-0007, ALLOWED",
            "subscribe, #, NOT_FOR_PERSON",
            "subscribe, +/nanan/iaq-0001, NOT_FOR_PERSON",
            "subscribe, telemetry/#, NOT_FOR_PERSON",
            "subscribe, command/nanan/iaq-0001/req/#, NOT_FOR_PERSON",
            "subscribe, alerts, NOT_FOR_PERSON",
            "publish, alerts/nanan/iaq-0001, NOT_FOR_PERSON",
            "publish, telemetry/nanan/iaq-0001, NOT_FOR_PERSON"})
    void aPersonWithAnApiTokenOnlyReadsAlerts(String action, String topic, Verdict expected) {
        MqttClientIdentity crew = MqttClientIdentity.person("roof-crew");
        Verdict v = action.equals("publish") ? policy.publish(crew, topic) : policy.subscribe(crew, topic);
        assertThat(v).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
            "alerts/nanan/#, ALLOWED",
            "alerts/nanan/iaq-0001, ALLOWED",
            "alerts/nanan, ALLOWED",
            "alerts/xinshengli/#, OTHER_SITE",
            "alerts/xinshengli/leak-0007, OTHER_SITE",
            "alerts/#, OTHER_SITE",
            "alerts/+/iaq-0001, OTHER_SITE",
            "alerts/nanan-east/#, OTHER_SITE",
            "#, NOT_FOR_PERSON"})
    void aPersonLimitedToSitesReadsOnlyTheirAlertsNamedLiterally(String filter, Verdict expected) {
        MqttClientIdentity crew = MqttClientIdentity.person("nanan-crew", io.parkops.model.http.SiteScope.of(java.util.List.of("nanan")));
        assertThat(policy.subscribe(crew, filter)).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void aPersonLimitedToBuildingsGetsNoAlertTopicSinceTopicsNameNoBuilding() {
        MqttClientIdentity tenantCrew = MqttClientIdentity.person("b2-crew",
                io.parkops.model.http.SiteScope.of(java.util.List.of("nanan"), java.util.List.of("b2")));
        assertThat(policy.subscribe(tenantCrew, "alerts/nanan/#")).isEqualTo(Verdict.OTHER_SITE);
        assertThat(MqttClientIdentity.decode(tenantCrew.encode())).hasValue(tenantCrew);
    }

    @org.junit.jupiter.api.Test
    void aPersonsSitesTravelWithItsIdentity() {
        MqttClientIdentity crew = MqttClientIdentity.person("nanan-crew",
                io.parkops.model.http.SiteScope.of(java.util.List.of("nanan", "xinshengli")));
        assertThat(MqttClientIdentity.decode(crew.encode())).hasValue(crew);
        assertThat(MqttClientIdentity.decode(MqttClientIdentity.person("fm").encode())).hasValue(MqttClientIdentity.person("fm"));
    }

    /** gw-01 is a gateway; meter-1 and loop-1 name it in via, meter-2 names another gateway, m-999 none. */
    private final TopicPolicy withGateways = new TopicPolicy("parkops", GatewayFixture.registry());
    private final MqttClientIdentity gateway = MqttClientIdentity.device(ThingId.of("nanan", "gw-01"));

    @ParameterizedTest
    @CsvSource({
            "telemetry/nanan/gw-01, ALLOWED",
            "telemetry/nanan/meter-1, ALLOWED",
            "event/nanan/meter-1, ALLOWED",
            "command/nanan/loop-1/res/req-7/200, ALLOWED",
            "telemetry/nanan/m-999, NOT_BEHIND_GATEWAY",
            "telemetry/nanan/meter-2, NOT_BEHIND_GATEWAY",
            "command/nanan/m-999/res/req-7/200, NOT_BEHIND_GATEWAY",
            "telemetry/xinshengli/meter-1, NOT_BEHIND_GATEWAY",
            "telemetry/nanan/meter-1/extra, OTHER_DEVICE",
            "command/nanan/loop-1/req/req-7/setSetpoint, OTHER_DEVICE",
            "command/nanan/loop-1/res, OTHER_DEVICE",
            "alerts/nanan/meter-1, OTHER_DEVICE",
            "meters/nanan/meter-1, NOT_A_DEVICE_TOPIC"})
    void aGatewayPublishesForTheDevicesThatNameIt(String topic, Verdict expected) {
        assertThat(withGateways.publish(gateway, topic)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
            "command/nanan/gw-01/req/#, ALLOWED",
            "command/nanan/loop-1/req/#, ALLOWED",
            "command/nanan/loop-1/req, ALLOWED",
            "command/nanan/loop-1/req/+/setSetpoint, ALLOWED",
            "command/nanan/m-999/req/#, NOT_BEHIND_GATEWAY",
            "command/nanan/loop-1/res/#, OTHER_DEVICE",
            "command/nanan/+/req/#, OTHER_DEVICE",
            "command/+/loop-1/req/#, OTHER_DEVICE",
            "command/nanan/#, OTHER_DEVICE",
            "command/#, OTHER_DEVICE",
            "telemetry/nanan/meter-1, OTHER_DEVICE",
            "#, OTHER_DEVICE"})
    void aGatewaySubscribesPerDeviceAndNoWildcardWidensIt(String filter, Verdict expected) {
        assertThat(withGateways.subscribe(gateway, filter)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
            "publish, telemetry/nanan/gw-01",
            "publish, telemetry/nanan/loop-1",
            "subscribe, command/nanan/loop-1/req/#",
            "subscribe, command/nanan/gw-01/req/#"})
    void aDeviceBehindAGatewayGetsNoRightsOverIt(String action, String topic) {
        MqttClientIdentity meter = MqttClientIdentity.device(ThingId.of("nanan", "meter-1"));
        Verdict v = action.equals("publish") ? withGateways.publish(meter, topic) : withGateways.subscribe(meter, topic);
        assertThat(v).isEqualTo(Verdict.OTHER_DEVICE);
    }

    @ParameterizedTest
    @CsvSource({"device:iaq-0001@nanan", "service", "person:roof-crew"})
    void identitiesSurviveTheConnectionAttributeStore(String text) {
        assertThat(MqttClientIdentity.decode(text)).hasValueSatisfying(who -> assertThat(who.encode()).isEqualTo(text));
    }

    @ParameterizedTest
    @CsvSource({"device:no-tenant", "admin", "anonymous", "device:a@B"})
    void unknownIdentityTextIsNoIdentity(String text) {
        assertThat(MqttClientIdentity.decode(text)).isEmpty();
    }
}
