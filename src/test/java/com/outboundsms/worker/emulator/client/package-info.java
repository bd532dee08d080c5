/**
 * What the emulator's own tests talk to it with: twilio-java clients and raw HTTP calls
 * pointed at it, and the checker of its answers against Twilio's OpenAPI documents. Not
 * part of the emulator's jar.
 */
package com.outboundsms.worker.emulator.client;
