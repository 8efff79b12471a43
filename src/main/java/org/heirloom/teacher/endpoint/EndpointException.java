package org.heirloom.teacher.endpoint;

import java.io.IOException;

/**
 * An endpoint could not deliver (down, refused, redirected, gave up after retries). The message
 * names the endpoint and the reason, never a response body or the key, so it is safe to print.
 */
public class EndpointException extends IOException {

    public EndpointException(String message) {
        super(message);
    }
}
