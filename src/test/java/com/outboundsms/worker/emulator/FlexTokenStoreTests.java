package com.outboundsms.worker.emulator;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class FlexTokenStoreTests {

	private static final String ACCOUNT = "AC00000000000000000000000000000000";

	private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

	private final FlexTokenStore store = new FlexTokenStore();

	@Test
	void issuesASignedJsonWebTokenOfTheAccountThatNamesNoAgent() {
		FlexToken issued = this.store.issue(ACCOUNT, "agent@example.com", NOW, NOW.plusSeconds(3600));

		String[] parts = issued.token().split("\\.", -1);
		assertThat(parts).hasSize(3).allSatisfy((part) -> assertThat(part).isNotEmpty().matches("[A-Za-z0-9_-]+"));
		assertThat(decode(parts[0]).path("alg").asString()).isEqualTo("HS256");
		JsonNode claims = decode(parts[1]);
		assertThat(claims.path("sub").asString()).isEqualTo(ACCOUNT);
		assertThat(claims.path("iat").asLong()).isEqualTo(NOW.getEpochSecond());
		assertThat(claims.path("exp").asLong()).isEqualTo(NOW.plusSeconds(3600).getEpochSecond());
		assertThat(issued.token()).doesNotContain("agent");
		assertThat(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)).doesNotContain("agent");
	}

	@Test
	void knowsEachTokenItIssuedAndNoOther() {
		FlexToken first = this.store.issue(ACCOUNT, "agent@example.com", NOW, NOW.plusSeconds(3600));
		FlexToken second = this.store.issue(ACCOUNT, "agent@example.com", NOW, NOW.plusSeconds(3600));

		assertThat(first.token()).isNotEqualTo(second.token());
		assertThat(this.store.find(first.token())).isEqualTo(first);
		assertThat(this.store.find(second.token())).isEqualTo(second);
		assertThat(this.store.find(first.token() + "x")).isNull();
	}

	private static JsonNode decode(String part) {
		return Json.MAPPER.readTree(Base64.getUrlDecoder().decode(part));
	}

}
