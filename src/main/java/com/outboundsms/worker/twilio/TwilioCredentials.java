package com.outboundsms.worker.twilio;

/**
 * The HTTP Basic credentials for Twilio: an API key and its secret when given
 * (preferred), else the account SID and its auth token.
 *
 * @param username the API key SID or the account SID
 * @param password the secret; never logged
 */
record TwilioCredentials(String username, String password) {

	static TwilioCredentials from(TwilioProperties properties) {
		if (!TwilioProperties.hasText(properties.accountSid())) {
			throw new IllegalStateException(
					"TWILIO_ACCOUNT_SID (twilio.account-sid) is required unless the sandbox profile is active");
		}
		if (properties.hasApiKey()) {
			if (!TwilioProperties.hasText(properties.apiKey()) || !TwilioProperties.hasText(properties.apiSecret())) {
				throw new IllegalStateException("TWILIO_API_KEY and TWILIO_API_SECRET must be set together");
			}
			return new TwilioCredentials(properties.apiKey(), properties.apiSecret());
		}
		if (!TwilioProperties.hasText(properties.authToken())) {
			throw new IllegalStateException(
					"Twilio credentials are missing: set TWILIO_API_KEY and TWILIO_API_SECRET, or TWILIO_AUTH_TOKEN");
		}
		return new TwilioCredentials(properties.accountSid(), properties.authToken());
	}

	@Override
	public String toString() {
		return "TwilioCredentials[username=" + this.username + ", password=******]";
	}

}
