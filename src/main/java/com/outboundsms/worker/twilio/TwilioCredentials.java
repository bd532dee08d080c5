package com.outboundsms.worker.twilio;

/**
 * The HTTP Basic credentials for Twilio: an API key and its secret when given
 * (preferred), else the account SID and its auth token. {@link TwilioProperties} refuses
 * to bind without either.
 *
 * @param username the API key SID or the account SID
 * @param password the secret; never logged
 */
record TwilioCredentials(String username, String password) {

	static TwilioCredentials from(TwilioProperties properties) {
		if (properties.hasApiKey()) {
			return new TwilioCredentials(properties.apiKey(), properties.apiSecret());
		}
		return new TwilioCredentials(properties.accountSid(), properties.authToken());
	}

	@Override
	public String toString() {
		return "TwilioCredentials[username=" + this.username + ", password=******]";
	}

}
