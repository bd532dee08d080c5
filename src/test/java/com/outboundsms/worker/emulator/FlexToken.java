package com.outboundsms.worker.emulator;

import java.time.Instant;

/**
 * A Flex user token the emulator issued, as its token validation endpoint describes it.
 *
 * @param token the signed JSON Web Token a Flex UI would hold
 * @param identity the agent's identity
 * @param realmUserId the agent's user id in the Flex realm
 * @param expiration when the token stops being valid
 */
public record FlexToken(String token, String identity, String realmUserId, Instant expiration) {

	@Override
	public String toString() {
		return "FlexToken[identity=" + this.identity + ", realmUserId=" + this.realmUserId + ", expiration="
				+ this.expiration + "]";
	}

}
