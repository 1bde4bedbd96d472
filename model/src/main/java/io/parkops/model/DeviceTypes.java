package io.parkops.model;

import java.util.Optional;

/** Read access to the device-type catalog for modules that must not depend on the adapters. */
public interface DeviceTypes {

    Optional<DeviceType> find(String typeId);
}
