package com.outboundsms.worker.emulator;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ParticipantsParserTests {

	private static final String CUSTOMER = "{\"Identifier\":\"+15551230000\",\"ProxyIdentifier\":\"+15559990000\",\"FriendlyName\":\"Jane\"}";

	private static final String CHANNEL = "{\"Identifier\":\"CHb\",\"ProxyIdentifier\":\"+15559990000\"}";

	@Test
	void readsOneJsonObjectPerField() {
		List<ParticipantSpec> participants = ParticipantsParser.parse(List.of(CUSTOMER, CHANNEL));

		assertThat(participants).containsExactly(new ParticipantSpec("+15551230000", "+15559990000", "Jane"),
				new ParticipantSpec("CHb", "+15559990000", null));
	}

	@Test
	void readsOneJsonArrayField() {
		List<ParticipantSpec> participants = ParticipantsParser.parse(List.of("[" + CUSTOMER + "," + CHANNEL + "]"));

		assertThat(participants).extracting(ParticipantSpec::identifier).containsExactly("+15551230000", "CHb");
	}

	@Test
	void readsNothingWhenTheFieldIsAbsent() {
		assertThat(ParticipantsParser.parse(List.of())).isEmpty();
	}

	@Test
	void rejectsAParticipantWithoutIdentifier() {
		assertThatExceptionOfType(TwilioApiException.class)
			.isThrownBy(() -> ParticipantsParser.parse(List.of("{\"ProxyIdentifier\":\"+1\"}")))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(20001));
	}

	@Test
	void rejectsTextThatIsNotJson() {
		assertThatExceptionOfType(TwilioApiException.class)
			.isThrownBy(() -> ParticipantsParser.parse(List.of("Identifier=+1")))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(400));
	}

}
