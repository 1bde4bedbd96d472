package io.parkops.sim.signal;

/**
 * Derives independent, stable seeds from the run seed, so adding a tenant or a device does not
 * change the signals of the others. Uses {@link String#hashCode()}, which the Java language
 * specification fixes, so seeds are the same on every JVM.
 */
public final class Seeds {

    private Seeds() {
    }

    public static long forSite(long runSeed, String tenant) {
        return ValueNoise.mix(runSeed ^ ValueNoise.mix(0x51_7E_00L + tenant.hashCode()));
    }

    public static long forDevice(long runSeed, String tenant, String deviceId) {
        return ValueNoise.mix(forSite(runSeed, tenant) ^ ValueNoise.mix(deviceId.hashCode() * 31L + 7));
    }
}
