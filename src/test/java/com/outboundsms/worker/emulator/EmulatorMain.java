package com.outboundsms.worker.emulator;

import java.util.concurrent.CountDownLatch;

/**
 * Runs the emulator as its own process. Settings come from system properties, else the
 * environment: {@code emulator.host}/{@code TWILIO_EMULATOR_HOST},
 * {@code emulator.port}/{@code TWILIO_EMULATOR_PORT},
 * {@code emulator.account-sid}/{@code TWILIO_ACCOUNT_SID}, {@code emulator.auth-token}/
 * {@code TWILIO_AUTH_TOKEN}, {@code emulator.threads}/{@code TWILIO_EMULATOR_THREADS},
 * and {@code emulator.flows}/{@code TWILIO_EMULATOR_FLOWS} (comma-separated Twilio
 * numbers to seed an outbound-SMS task flow and a Studio flow for). Prints the base URL,
 * then serves until the process is stopped.
 */
public final class EmulatorMain {

	private EmulatorMain() {
	}

	public static void main(String[] args) throws InterruptedException {
		EmulatorSettings defaults = EmulatorSettings.defaults();
		EmulatorSettings settings = defaults.withHost(setting("emulator.host", "TWILIO_EMULATOR_HOST", defaults.host()))
			.withPort(Integer.parseInt(setting("emulator.port", "TWILIO_EMULATOR_PORT", "0")))
			.withCredentials(setting("emulator.account-sid", "TWILIO_ACCOUNT_SID", defaults.accountSid()),
					setting("emulator.auth-token", "TWILIO_AUTH_TOKEN", defaults.authToken()))
			.withThreads(Integer
				.parseInt(setting("emulator.threads", "TWILIO_EMULATOR_THREADS", String.valueOf(defaults.threads()))));
		TwilioEmulator emulator = TwilioEmulator.start(settings);
		for (String number : setting("emulator.flows", "TWILIO_EMULATOR_FLOWS", "").split(",")) {
			if (!number.isBlank()) {
				FlexFlow flow = emulator.createFlexFlow(number.trim());
				System.out.println("flow " + flow.sid() + " " + flow.contactIdentity());
				// and the Studio flow a notify request is made on
				FlexFlow studio = emulator.createFlexFlow(NewFlexFlow.studio(number.trim()));
				System.out.println("studio-flow " + studio.sid() + " " + studio.contactIdentity());
			}
		}
		System.out.println("proxy-service " + emulator.defaultProxyServiceSid());
		System.out.println(emulator.baseUrl());
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			emulator.close();
			stopped.countDown();
		}));
		stopped.await();
	}

	private static String setting(String property, String environment, String fallback) {
		String value = System.getProperty(property);
		if (value == null) {
			value = System.getenv(environment);
		}
		return (value != null && !value.isBlank()) ? value : fallback;
	}

}
