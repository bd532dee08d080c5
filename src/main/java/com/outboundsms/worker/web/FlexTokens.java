package com.outboundsms.worker.web;

import java.time.Instant;
import java.util.Optional;

/**
 * Asks Twilio whether a Flex user token is valid.
 */
interface FlexTokens {

	/**
	 * Validates a token.
	 * @param token the token as the Flex UI holds it
	 * @return when the token expires, empty if Twilio says it is not valid
	 * @throws FlexTokensUnavailable when Twilio could not be asked
	 */
	Optional<Instant> validUntil(String token);

}
