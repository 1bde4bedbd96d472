package io.parkops.adapters.catalog;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/**
 * Hot reload of the device-type folder: a periodic timer runs {@link DeviceTypeFolder#scan()} on a
 * worker thread. A timer comparing file stamps (mtime, size, checksum) was chosen over {@code WatchService}
 * because it also sees edits on file systems that send no inotify events (NFS, bind mounts,
 * Kubernetes ConfigMaps swapped by symlink), it stops with the verticle, and for a few dozen
 * small files a scan per second costs nothing.
 */
public final class DeviceTypeFolderVerticle extends VerticleBase {

    private final DeviceTypeFolder folder;
    private final long periodMillis;
    private long timer = -1;
    private boolean scanning;

    public DeviceTypeFolderVerticle(DeviceTypeFolder folder, long periodMillis) {
        if (periodMillis < 50) {
            throw new IllegalArgumentException("device-type scan period must be at least 50 ms, was " + periodMillis);
        }
        this.folder = folder;
        this.periodMillis = periodMillis;
    }

    @Override
    public Future<?> start() {
        return vertx.executeBlocking(folder::scan).onSuccess(n -> timer = vertx.setPeriodic(periodMillis, id -> scanOnce()));
    }

    private void scanOnce() {
        if (scanning) {
            return; // a slow disk must not pile up scans
        }
        scanning = true;
        vertx.executeBlocking(folder::scan).onComplete(r -> scanning = false);
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(timer);
        return Future.succeededFuture();
    }
}
