package com.outboundsms.worker.processing;

import org.jspecify.annotations.Nullable;

/**
 * A failure that concerns every request, not this one: Twilio refuses the worker's
 * credentials, or the store cannot be reached. Consumption pauses until a probe finds the
 * dependency working; the request goes back to its queue untouched and never to the
 * dead-letter queue, unless it is a Twilio 403 that pauses have shown to be a permission
 * the API key lacks, which fails the request as {@link ErrorCode#TWILIO_FORBIDDEN}.
 */
public final class SystemicFailure extends OutreachFailure {

	private final Dependency dependency;

	public SystemicFailure(Dependency dependency, String message, @Nullable Integer twilioCode,
			@Nullable Integer twilioStatus, @Nullable Throwable cause) {
		super(message, twilioCode, twilioStatus, cause);
		this.dependency = dependency;
	}

	public Dependency dependency() {
		return this.dependency;
	}

	@Override
	public ErrorDetail detail(int attempts) {
		return retriesExhausted(attempts);
	}

}
