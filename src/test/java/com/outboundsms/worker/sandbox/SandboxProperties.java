package com.outboundsms.worker.sandbox;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of sandbox mode.
 *
 * @param emulatorPort the loopback port of the in-process Twilio emulator
 * @param twilioNumber the number the emulator has a Flex Flow for: use it as
 * {@code fromNumber}
 * @param publishSamples whether to publish the sample requests once the worker is up
 */
@ConfigurationProperties("sandbox")
record SandboxProperties(@DefaultValue("18089") int emulatorPort, @DefaultValue("+15005550006") String twilioNumber,
		@DefaultValue("true") boolean publishSamples) {

}
