package com.outboundsms.worker.twilio;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ChatChannelStateTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String CHANNEL = "CH0123456789abcdef0123456789abcdef";

	private static final String SESSION = "KC0123456789abcdef0123456789abcdef";

	@Test
	void aChannelIsTheOutreachsOwnOnlyWhenItsUniqueNameIsTheOutreachsMark() {
		String mark = ChannelMark.of("5f0c7e1a-2b3c-4d5e-8f90-a1b2c3d4e5f6");

		assertThat(state(mark, "{}").isMarkedBy(mark)).isTrue();
		assertThat(state(ChannelMark.of("another-outreach"), "{}").isMarkedBy(mark)).isFalse();
		assertThat(state(null, "{}").isMarkedBy(mark)).isFalse();
	}

	@Test
	void anotherOutreachsChannelIsAnOpenConversationOnlyWhileActiveWithAnActiveSession() {
		String mark = ChannelMark.of("mine");
		String active = "{\"status\":\"ACTIVE\",\"proxySession\":\"" + SESSION + "\"}";
		List<String> asked = new ArrayList<>();

		assertThat(state(mark, active).found(mark, asked::add)).isEqualTo(ChatChannelState.Found.OWN);
		assertThat(asked).isEmpty();
		assertThat(state("theirs", active).found(mark, (session) -> true))
			.isEqualTo(ChatChannelState.Found.OPEN_CONVERSATION);
		assertThat(state(null, active).found(mark, (session) -> false)).isEqualTo(ChatChannelState.Found.LEFT_OVER);
		assertThat(state(null, "{\"status\":\"ACTIVE\"}").found(mark, (session) -> true))
			.isEqualTo(ChatChannelState.Found.LEFT_OVER);
		assertThat(state(null, active.replace("ACTIVE", "INACTIVE")).found(mark, (session) -> true))
			.isEqualTo(ChatChannelState.Found.LEFT_OVER);
	}

	@Test
	void anOutreachWithoutAnIdHasNoMark() {
		assertThatIllegalArgumentException().isThrownBy(() -> ChannelMark.of(""));
	}

	@Test
	void readsTheStatusAndTheProxySessionFlexKeepsInTheAttributes() {
		ChatChannelState active = state(null,
				"{\"status\":\"ACTIVE\",\"proxySession\":\"" + SESSION + "\",\"from\":\"Jane\"}");
		ChatChannelState inactive = state(null, "{\"status\":\"INACTIVE\"}");

		assertThat(active.isActive()).isTrue();
		assertThat(active.proxySession()).isEqualTo(SESSION);
		assertThat(inactive.isActive()).isFalse();
		assertThat(inactive.proxySession()).isNull();
	}

	@Test
	void readsAttributesThatAreMissingNotJsonOrNotAnObjectAsNone() {
		for (String attributes : new String[] { null, "not json", "[1,2]", "{\"status\":7}" }) {
			ChatChannelState state = state(null, attributes);
			assertThat(state.isActive()).as(attributes).isFalse();
			assertThat(state.proxySession()).as(attributes).isNull();
		}
	}

	@Test
	void endsAChannelAsTheJanitorDoesKeepingEveryOtherAttribute() {
		ChatChannelState active = state(null,
				"{\"status\":\"ACTIVE\",\"proxySession\":\"" + SESSION + "\",\"long_lived\":false}");

		String inactive = active.inactiveAttributes(JSON);

		assertThat(JSON.readTree(inactive)).isEqualTo(
				JSON.readTree("{\"status\":\"INACTIVE\",\"proxySession\":\"" + SESSION + "\",\"long_lived\":false}"));
		assertThat(active.isActive()).isTrue();
	}

	private static ChatChannelState state(String uniqueName, String attributes) {
		return ChatChannelState.of(CHANNEL, uniqueName, attributes, JSON);
	}

}
