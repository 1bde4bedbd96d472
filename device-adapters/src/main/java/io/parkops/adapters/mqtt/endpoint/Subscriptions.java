package io.parkops.adapters.mqtt.endpoint;

import io.parkops.adapters.mqtt.auth.TopicPolicy;
import io.parkops.model.ThingId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Who subscribed to what on the endpoint, for routing commands and alerts to live connections.
 * A filter that names one device's commands ({@code command/{t}/{d}/req/...}, the only kind a
 * device or gateway may make) is indexed by that device, so a command finds its subscribers without
 * looking at every connection; any other filter (crews' {@code alerts/...}, or anything an
 * unrestricted lab client makes) is matched one by one. Not thread-safe: the endpoint keeps it on
 * its one event loop.
 *
 * @param <S> a subscriber (a connection)
 */
final class Subscriptions<S> {

    private final Map<S, Map<String, Integer>> bySubscriber = new HashMap<>();
    private final Map<ThingId, Set<S>> byDevice = new HashMap<>();
    private final Map<S, Integer> wide = new HashMap<>(); // subscriber -> number of its filters that name no device

    /** Adds (or replaces the QoS of) one subscription. */
    void add(S subscriber, String filter, int qos) {
        Integer before = bySubscriber.computeIfAbsent(subscriber, s -> new HashMap<>()).put(filter, qos);
        if (before != null) {
            return;
        }
        ThingId device = TopicPolicy.commandTarget(filter);
        if (device != null) {
            byDevice.computeIfAbsent(device, d -> new HashSet<>()).add(subscriber);
        } else {
            wide.merge(subscriber, 1, Integer::sum);
        }
    }

    void remove(S subscriber, String filter) {
        Map<String, Integer> filters = bySubscriber.get(subscriber);
        if (filters == null || filters.remove(filter) == null) {
            return;
        }
        ThingId device = TopicPolicy.commandTarget(filter);
        if (device != null) {
            if (filters.keySet().stream().noneMatch(f -> device.equals(TopicPolicy.commandTarget(f)))) {
                byDevice.computeIfPresent(device, (d, set) -> set.remove(subscriber) && set.isEmpty() ? null : set);
            }
        } else {
            wide.computeIfPresent(subscriber, (s, n) -> n == 1 ? null : n - 1);
        }
        if (filters.isEmpty()) {
            bySubscriber.remove(subscriber);
        }
    }

    void removeAll(S subscriber) {
        Map<String, Integer> filters = bySubscriber.get(subscriber);
        if (filters != null) {
            Set.copyOf(filters.keySet()).forEach(f -> remove(subscriber, f));
        }
    }

    /** Every subscriber with a filter matching {@code topic}, with the highest QoS it asked for. */
    Map<S, Integer> matching(String topic) {
        Map<S, Integer> out = new LinkedHashMap<>();
        ThingId device = TopicPolicy.commandTarget(topic);
        if (device != null) {
            byDevice.getOrDefault(device, Set.of()).forEach(s -> match(s, topic, out));
        }
        wide.keySet().forEach(s -> match(s, topic, out));
        return out;
    }

    int subscribers() {
        return bySubscriber.size();
    }

    private void match(S subscriber, String topic, Map<S, Integer> out) {
        bySubscriber.getOrDefault(subscriber, Map.of()).forEach((filter, qos) -> {
            if (TopicFilter.matches(filter, topic)) {
                out.merge(subscriber, qos, Math::max);
            }
        });
    }
}
