package io.parkops.adapters.coap;

import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.core.server.resources.Resource;

/**
 * A resource that answers its whole subtree ({@link #getChild} returns itself), treating POST and
 * PUT alike, and reads the variable parts of the URI path itself, as Hono's CoAP adapter does.
 */
public abstract class SubtreeResource extends CoapResource {

    protected SubtreeResource(String name) {
        super(name);
    }

    @Override
    public final Resource getChild(String name) {
        return this;
    }

    @Override
    public final void handlePOST(CoapExchange exchange) {
        handle(exchange);
    }

    @Override
    public final void handlePUT(CoapExchange exchange) {
        handle(exchange);
    }

    /** One POST or PUT anywhere below this resource. */
    protected abstract void handle(CoapExchange exchange);
}
