/**
 * The HTTP door for callers that cannot publish to the broker (a Flex plugin, a CRM
 * page): {@code POST /v1/outbound-sms} takes the original Function's body, checks it with
 * the listener's intake, publishes it to the request exchange and, if asked, waits for
 * its result event; {@code GET /v1/outbound-sms/{requestId}} answers what is known of a
 * request. Every call needs a static API token or a Flex user token.
 */
@NullMarked
package com.outboundsms.worker.web;

import org.jspecify.annotations.NullMarked;
