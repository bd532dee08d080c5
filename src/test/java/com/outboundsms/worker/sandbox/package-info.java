/**
 * Sandbox mode ({@code mvn spring-boot:test-run}): the worker against the in-process
 * Twilio emulator, with sample requests published at start-up and every result event
 * logged. Development-time only: none of it is in the worker's jar.
 */
@NullMarked
package com.outboundsms.worker.sandbox;

import org.jspecify.annotations.NullMarked;
