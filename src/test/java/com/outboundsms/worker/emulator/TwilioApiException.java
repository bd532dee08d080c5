package com.outboundsms.worker.emulator;

/**
 * An error answer of the emulated API: HTTP status, Twilio error code and message,
 * rendered as Twilio's error envelope.
 */
final class TwilioApiException extends RuntimeException {

	private final int status;

	private final int code;

	TwilioApiException(int status, int code, String message) {
		super(message);
		this.status = status;
		this.code = code;
	}

	int status() {
		return this.status;
	}

	int code() {
		return this.code;
	}

	static TwilioApiException notFound(String path) {
		return new TwilioApiException(404, 20404, "The requested resource " + path + " was not found");
	}

	static TwilioApiException methodNotAllowed(String method) {
		return new TwilioApiException(405, 20004, "Method " + method + " not allowed");
	}

	static TwilioApiException missingParameter(String name) {
		return new TwilioApiException(400, 20001, "Missing required parameter " + name + " in the post body");
	}

	static TwilioApiException invalidParameter(String name, String value) {
		return new TwilioApiException(400, 20001, "Invalid parameter " + name + ": " + value);
	}

	static TwilioApiException unauthenticated() {
		return new TwilioApiException(401, 20003, "Authenticate");
	}

}
