/**
 * The Twilio backends, through twilio-java with one shared REST client whose HTTP client
 * owns the base URL, the timeouts and the (absent) hidden retries.
 */
@NullMarked
package com.outboundsms.worker.twilio;

import org.jspecify.annotations.NullMarked;
