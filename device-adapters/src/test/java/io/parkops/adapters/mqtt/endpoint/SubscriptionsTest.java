package io.parkops.adapters.mqtt.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SubscriptionsTest {

    private final Subscriptions<String> subscriptions = new Subscriptions<>();

    @Test
    void aCommandReachesTheConnectionsSubscribedForItsDeviceOnly() {
        subscriptions.add("gateway", "command/nanan/loop-1/req/#", 1);
        subscriptions.add("meter", "command/nanan/meter-1/req/#", 1);
        assertThat(subscriptions.matching("command/nanan/loop-1/req/r-1/setSetpoint")).containsExactly(Map.entry("gateway", 1));
        assertThat(subscriptions.matching("command/nanan/loop-2/req/r-1/setSetpoint")).isEmpty();
    }

    @Test
    void anAlertReachesEveryMatchingCrewFilterWithTheHighestQos() {
        subscriptions.add("crew", "alerts/#", 0);
        subscriptions.add("crew", "alerts/nanan/+", 1);
        subscriptions.add("roof", "alerts/xinshengli/#", 1);
        assertThat(subscriptions.matching("alerts/nanan/iaq-0003")).containsExactly(Map.entry("crew", 1));
    }

    @Test
    void unsubscribingAndClosingForgetTheConnection() {
        subscriptions.add("gateway", "command/nanan/loop-1/req/#", 1);
        subscriptions.add("gateway", "command/nanan/loop-1/req/+/setSetpoint", 1);
        subscriptions.remove("gateway", "command/nanan/loop-1/req/#");
        assertThat(subscriptions.matching("command/nanan/loop-1/req/r-1/setSetpoint")).containsKey("gateway");
        subscriptions.add("crew", "alerts/#", 1);
        subscriptions.removeAll("gateway");
        subscriptions.removeAll("crew");
        assertThat(subscriptions.matching("command/nanan/loop-1/req/r-1/setSetpoint")).isEmpty();
        assertThat(subscriptions.matching("alerts/nanan/iaq-0003")).isEmpty();
        assertThat(subscriptions.subscribers()).isZero();
    }

    @Test
    void anUnrestrictedWildcardOverDevicesStillMatches() {
        subscriptions.add("lab", "command/#", 1);
        assertThat(subscriptions.matching("command/nanan/loop-1/req/r-1/setSetpoint")).containsKey("lab");
    }
}
