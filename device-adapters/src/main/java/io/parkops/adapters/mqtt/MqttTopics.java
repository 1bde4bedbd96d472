package io.parkops.adapters.mqtt;

import io.parkops.model.Channel;

/**
 * The device-side topic layout of the contract: {@code telemetry/{tenant}/{deviceId}}, {@code event/...}.
 * Public for the Vert.x device endpoint ({@code mqtt.endpoint}), which reads the same topics.
 */
public final class MqttTopics {

    /** A parsed device topic. */
    public record DeviceTopic(Channel channel, String tenant, String deviceId) {
    }

    private MqttTopics() {
    }

    static String sharedFilter(String group, Channel channel) {
        return "$share/" + group + "/" + channel.pathSegment() + "/+/+";
    }

    /** The topic's parts, or {@code null} when it is not a device telemetry/event topic. */
    public static DeviceTopic parse(String topic) {
        int first = topic.indexOf('/');
        int second = first < 0 ? -1 : topic.indexOf('/', first + 1);
        if (second < 0 || topic.indexOf('/', second + 1) >= 0) {
            return null;
        }
        Channel channel = Channel.fromPathSegment(topic.substring(0, first));
        return channel == null ? null
                : new DeviceTopic(channel, topic.substring(first + 1, second), topic.substring(second + 1));
    }

    /** True for topics under {@code telemetry/} or {@code event/}, well-formed or not. */
    public static boolean looksLikeDeviceData(String topic) {
        return topic.startsWith("telemetry/") || topic.startsWith("event/") || topic.equals("telemetry") || topic.equals("event");
    }
}
