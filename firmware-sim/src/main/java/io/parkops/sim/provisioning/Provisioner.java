package io.parkops.sim.provisioning;

import io.parkops.model.site.Site;
import io.parkops.model.site.SiteJson;
import io.parkops.sim.SimDevice;
import io.parkops.sim.SimOptions;
import io.parkops.sim.fleet.DevicePasswords;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Registers simulated devices with the platform ({@code POST /api/devices}), a bounded number
 * at a time so a large fleet does not flood the platform. 201 means created and 409 means the
 * device exists from an earlier run: both leave it ready to report.
 */
public final class Provisioner {

    /** Enough to hide the round trip on loopback (thousands of devices in seconds) without flooding the platform. */
    private static final int IN_FLIGHT = 32;
    private static final int PROGRESS_EVERY = 1_000;
    private static final long REQUEST_TIMEOUT_MILLIS = 10_000;

    private final Vertx vertx;
    private final SimOptions options;
    private final WebClient client;
    private final String baseUrl;
    private final String devicesUrl;

    public Provisioner(Vertx vertx, SimOptions options) {
        this.vertx = vertx;
        this.options = options;
        this.client = WebClient.create(vertx, new WebClientOptions().setUserAgent("parkops-firmware-sim"));
        String base = options.platformHttp().toString();
        this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.devicesUrl = baseUrl + "/api/devices";
    }

    /**
     * Puts every simulated site the layout describes to {@code PUT /api/sites/{id}} (created or
     * replaced: the layout is the simulated site's one source). Never fails: the answer is one line
     * per site the platform refused or did not answer for, and the devices are provisioned either way.
     */
    public Future<List<String>> provisionSites(List<Site> sites) {
        List<Future<String>> answers = sites.stream().map(site -> {
            var request = client.putAbs(baseUrl + "/api/sites/" + site.id()).timeout(REQUEST_TIMEOUT_MILLIS);
            authorize(request);
            return request.sendJsonObject(SiteJson.toJson(site)).transform(answer -> Future.succeededFuture(
                    answer.failed() ? "site " + site.id() + ": " + answer.cause().getMessage()
                            : answer.result().statusCode() / 100 == 2 ? null
                            : "site " + site.id() + ": HTTP " + answer.result().statusCode() + ' ' + answer.result().bodyAsString()));
        }).toList();
        return Future.join(answers).map(all -> answers.stream().map(Future::result).filter(java.util.Objects::nonNull).toList());
    }

    /**
     * Provisions every device; fails only when none could be provisioned, since then nothing
     * would authenticate and the run is pointless (wrong URL, wrong token).
     */
    public Future<ProvisioningOutcome> provisionAll(List<SimDevice> devices) {
        return provisionAll(devices, line -> { });
    }

    /** As above, telling {@code progress} every {@value #PROGRESS_EVERY} devices how far it got. */
    public Future<ProvisioningOutcome> provisionAll(List<SimDevice> devices, java.util.function.Consumer<String> progress) {
        ProvisioningOutcome.Tally tally = new ProvisioningOutcome.Tally(devices.size(), PROGRESS_EVERY, progress);
        Iterator<SimDevice> queue = devices.iterator();
        List<Future<Void>> workers = new ArrayList<>();
        for (int i = 0; i < Math.min(IN_FLIGHT, devices.size()); i++) {
            Promise<Void> done = Promise.promise();
            pump(queue, tally, done);
            workers.add(done.future());
        }
        return Future.join(workers).transform(ignored -> {
            ProvisioningOutcome outcome = tally.outcome(devices);
            if (outcome.ready().isEmpty() && !devices.isEmpty()) {
                return Future.failedFuture(new IllegalStateException("no device could be provisioned at "
                        + devicesUrl + ": " + outcome.refusals().get(0)));
            }
            return Future.succeededFuture(outcome);
        });
    }

    public void close() {
        client.close();
    }

    /** One worker: takes the next device when the previous answer arrived, without nesting futures. */
    private void pump(Iterator<SimDevice> queue, ProvisioningOutcome.Tally tally, Promise<Void> done) {
        SimDevice device;
        synchronized (queue) {
            if (!queue.hasNext()) {
                done.complete();
                return;
            }
            device = queue.next();
        }
        provision(device).onComplete(answer -> {
            if (answer.succeeded()) {
                tally.answered(device, answer.result().statusCode(), answer.result().bodyAsString());
            } else {
                tally.unreachable(device, answer.cause());
            }
            pump(queue, tally, done);
        });
    }

    private Future<HttpResponse<Buffer>> provision(SimDevice device) {
        var request = client.postAbs(devicesUrl).timeout(REQUEST_TIMEOUT_MILLIS);
        authorize(request);
        // bcrypt, even at its lowest cost, stays off the event loop
        return vertx.executeBlocking(() -> body(device), false).compose(request::sendJsonObject);
    }

    private void authorize(io.vertx.ext.web.client.HttpRequest<Buffer> request) {
        if (options.bearerToken() != null) {
            request.bearerTokenAuthentication(options.bearerToken());
        }
    }

    /** The contract's provisioning body, the password already hashed ({@link DevicePasswords#hashForDevice}). */
    static JsonObject body(SimDevice device) {
        return new JsonObject()
                .put("tenant", device.tenant())
                .put("deviceId", device.deviceId())
                .put("type", device.type())
                .put("attributes", new JsonObject(new java.util.LinkedHashMap<>(device.attributes())))
                .put("credentials", new JsonObject()
                        .put("passwordHash", DevicePasswords.hashForDevice(device.tenant(), device.deviceId(), device.password()))
                        .put("psk", device.psk()));
    }
}
