/**
 * Sandbox mode ({@code SPRING_PROFILES_ACTIVE=sandbox}): the worker against the
 * in-process Twilio emulator, with sample requests published at start-up, every result
 * event logged, and a local HTTP door for publishing more requests.
 */
package com.outboundsms.worker.sandbox;
