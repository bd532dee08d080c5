package com.outboundsms.worker.web;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class FlexTokenCheckTests {

	private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

	private final FlexTokenCheck check = new FlexTokenCheck(SampleTokens.ACCOUNT, JsonMapper.builder().build());

	@Test
	void leavesASignedTokenOfTheAccountThatHasNotExpiredToTwilio() {
		String token = SampleTokens.signed(SampleTokens.ACCOUNT, NOW.plusSeconds(1));

		assertThat(this.check.refusal(token, NOW)).isEmpty();
	}

	@Test
	void leavesAnEncryptedTokenToTwilioSinceItsClaimsCannotBeRead() {
		assertThat(this.check.refusal(SampleTokens.encrypted(), NOW)).isEmpty();
	}

	@Test
	void leavesATokenWithoutExpirationOrAccountToTwilio() {
		assertThat(this.check.refusal(SampleTokens.signed(Map.of("sub", "agent@example.com")), NOW)).isEmpty();
	}

	@Test
	void refusesWhatIsNotAJsonWebTokenInCompactForm() {
		assertThat(this.check.refusal("unknown-flex-token", NOW)).contains("not a JSON Web Token in compact form");
		assertThat(this.check.refusal("", NOW)).contains("not a JSON Web Token in compact form");
		assertThat(this.check.refusal("a.b", NOW)).contains("not a JSON Web Token in compact form");
		assertThat(this.check.refusal("a.b.c.d", NOW)).contains("not a JSON Web Token in compact form");
		assertThat(this.check.refusal("a.b.c.d.e.f", NOW)).contains("not a JSON Web Token in compact form");
	}

	@Test
	void refusesATokenLongerThanAnyTwilioIssuesWithoutDecodingIt() {
		String token = SampleTokens.signed(Map.of("sub", SampleTokens.ACCOUNT, "pad", "x".repeat(8192)));

		assertThat(this.check.refusal(token, NOW)).contains("longer than 8192 characters");
	}

	@Test
	void refusesPartsThatAreNotBase64url() {
		String token = SampleTokens.signed(SampleTokens.ACCOUNT, NOW.plusSeconds(60));

		assertThat(this.check.refusal(token.replace('.', '=') + ".x.y", NOW)).contains("not base64url");
		assertThat(this.check.refusal(token + "+", NOW)).contains("not base64url");
	}

	@Test
	void refusesAHeaderThatIsNotJsonOrNamesNoAlgorithmOrNone() {
		Map<String, Object> claims = Map.of("sub", SampleTokens.ACCOUNT);
		String notJson = "bm90IGpzb24" + "." + SampleTokens.part(claims) + ".c2ln";

		assertThat(this.check.refusal(notJson, NOW)).contains("no header with a signing or encryption algorithm");
		assertThat(this.check.refusal(SampleTokens.token(Map.of("typ", "JWT"), claims, "c2ln"), NOW))
			.contains("no header with a signing or encryption algorithm");
		assertThat(this.check.refusal(SampleTokens.token(Map.of("alg", "none"), claims, "c2ln"), NOW))
			.contains("no header with a signing or encryption algorithm");
	}

	@Test
	void refusesASignedTokenWithoutClaimsOrSignature() {
		Map<String, Object> header = Map.of("alg", "HS256");

		assertThat(this.check.refusal(SampleTokens.token(header, Map.of("sub", SampleTokens.ACCOUNT), ""), NOW))
			.contains("no claims or no signature");
		assertThat(this.check.refusal(SampleTokens.part(header) + ".bm90IGpzb24.c2ln", NOW))
			.contains("no claims or no signature");
	}

	@Test
	void refusesAnIncompleteEncryptedToken() {
		String[] parts = SampleTokens.encrypted().split("\\.", -1);

		assertThat(this.check.refusal(parts[0] + "..." + parts[3] + "." + parts[4], NOW))
			.contains("an incomplete encrypted token");
		assertThat(this.check
			.refusal(SampleTokens.part(Map.of("alg", "dir")) + ".." + parts[2] + "." + parts[3] + "." + parts[4], NOW))
			.contains("an incomplete encrypted token");
	}

	@Test
	void refusesAnExpiredToken() {
		assertThat(this.check.refusal(SampleTokens.signed(SampleTokens.ACCOUNT, NOW), NOW)).contains("expired");
		assertThat(this.check.refusal(SampleTokens.signed(SampleTokens.ACCOUNT, NOW.minus(Duration.ofHours(1))), NOW))
			.contains("expired");
		assertThat(this.check.refusal(SampleTokens.signed(Map.of("exp", "tomorrow")), NOW))
			.contains("an expiration that is not a number");
	}

	@Test
	void refusesATokenIssuedForAnotherAccount() {
		String token = SampleTokens.signed(SampleTokens.OTHER_ACCOUNT, NOW.plusSeconds(3600));

		assertThat(this.check.refusal(token, NOW)).contains("issued for another account");
	}

}
