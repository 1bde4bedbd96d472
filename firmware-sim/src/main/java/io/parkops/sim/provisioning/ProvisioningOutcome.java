package io.parkops.sim.provisioning;

import io.parkops.sim.SimDevice;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What provisioning achieved.
 *
 * @param ready     devices the platform now knows (created now or before), in fleet order
 * @param created   how many of them were created by this run
 * @param refusals  one line per device the platform refused or did not answer for
 */
public record ProvisioningOutcome(List<SimDevice> ready, int created, List<String> refusals) {

    public ProvisioningOutcome {
        ready = List.copyOf(ready);
        refusals = List.copyOf(refusals);
    }

    /** This outcome with {@code more} refusals before its own (the sites the platform refused, say). */
    public ProvisioningOutcome withRefusals(List<String> more) {
        List<String> all = new ArrayList<>(more);
        all.addAll(refusals);
        return new ProvisioningOutcome(ready, created, all);
    }

    /** Collects answers as they arrive; workers may call it from different threads. */
    static final class Tally {
        private final List<SimDevice> ready = new ArrayList<>();
        private final List<String> refusals = new ArrayList<>();
        private final int total;
        private final int every;
        private final java.util.function.Consumer<String> progress;
        private final long started = System.nanoTime();
        private int created;

        Tally(int total, int every, java.util.function.Consumer<String> progress) {
            this.total = total;
            this.every = every;
            this.progress = progress;
        }

        private void tick() {
            int done = ready.size() + refusals.size();
            if (done % every == 0 || done == total) {
                progress.accept(String.format(java.util.Locale.ROOT, "provisioned %d/%d (%d refused) in %.1f s",
                        done, total, refusals.size(), (System.nanoTime() - started) / 1e9));
            }
        }

        synchronized void answered(SimDevice device, int status, String body) {
            if (status == 409 || status / 100 == 2) {
                ready.add(device);
                created += status == 409 ? 0 : 1;
            } else {
                refusals.add(device.tenant() + '/' + device.deviceId() + ": HTTP " + status + ' ' + abbreviate(body));
            }
            tick();
        }

        synchronized void unreachable(SimDevice device, Throwable cause) {
            refusals.add(device.tenant() + '/' + device.deviceId() + ": " + cause.getMessage());
            tick();
        }

        /** The outcome with ready devices in the fleet's order, whatever order answers came in. */
        synchronized ProvisioningOutcome outcome(List<SimDevice> fleet) {
            Set<SimDevice> known = new HashSet<>(ready);
            return new ProvisioningOutcome(fleet.stream().filter(known::contains).toList(), created, refusals);
        }

        private static String abbreviate(String body) {
            if (body == null) {
                return "";
            }
            return body.length() <= 200 ? body : body.substring(0, 200) + "...";
        }
    }
}
