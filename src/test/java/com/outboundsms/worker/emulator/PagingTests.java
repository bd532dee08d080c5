package com.outboundsms.worker.emulator;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PagingTests {

	private static final List<Integer> ITEMS = IntStream.range(0, 120).boxed().toList();

	private static final String URL = "https://flex-api.twilio.com/v1/FlexFlows";

	@Test
	void defaultsToFirstPageOfFifty() {
		Paging paging = Paging.of(Params.EMPTY);

		assertThat(paging).isEqualTo(new Paging(50, 0, 0));
		assertThat(paging.slice(ITEMS)).hasSize(50).startsWith(0).endsWith(49);
	}

	@Test
	void pageTokenGivesTheOffset() {
		Paging paging = Paging.of(Params.parse("PageSize=50&Page=2&PageToken=PT100"));

		assertThat(paging.slice(ITEMS)).containsExactlyElementsOf(ITEMS.subList(100, 120));
		assertThat(paging.hasNext(ITEMS.size())).isFalse();
	}

	@Test
	void pageWithoutTokenGivesTheOffset() {
		assertThat(Paging.of(Params.parse("PageSize=10&Page=3")).slice(ITEMS)).first().isEqualTo(30);
	}

	@Test
	void envelopeLinksPagesWithAbsoluteUrls() {
		ObjectNode first = Paging.of(Params.parse("PageSize=50"))
			.envelope("flex_flows", ITEMS, Json.MAPPER::valueToTree, URL, Map.of());
		ObjectNode last = Paging.of(Params.parse("PageSize=50&Page=2&PageToken=PT100"))
			.envelope("flex_flows", ITEMS, Json.MAPPER::valueToTree, URL, Map.of());

		assertThat(first.get("flex_flows")).hasSize(50);
		assertThat(first.get("meta").get("next_page_url").asString())
			.isEqualTo(URL + "?PageSize=50&Page=1&PageToken=PT50");
		assertThat(first.get("meta").get("previous_page_url").isNull()).isTrue();
		assertThat(first.get("meta").get("first_page_url").asString()).isEqualTo(URL + "?PageSize=50&Page=0");
		assertThat(first.get("meta").get("key").asString()).isEqualTo("flex_flows");
		assertThat(last.get("flex_flows")).hasSize(20);
		assertThat(last.get("meta").get("next_page_url").isNull()).isTrue();
		assertThat(last.get("meta").get("previous_page_url").asString())
			.isEqualTo(URL + "?PageSize=50&Page=1&PageToken=PT50");
		assertThat(last.get("meta").get("page").asInt()).isEqualTo(2);
	}

	@Test
	void pagingUrlsRepeatTheFilters() {
		ObjectNode envelope = Paging.of(Params.parse("PageSize=1"))
			.envelope("flex_flows", ITEMS, Json.MAPPER::valueToTree, URL, Map.of("FriendlyName", "My Flow+1"));

		assertThat(envelope.get("meta").get("next_page_url").asString())
			.isEqualTo(URL + "?FriendlyName=My+Flow%2B1&PageSize=1&Page=1&PageToken=PT1");
	}

	@Test
	void exactMultipleHasNoNextPage() {
		assertThat(Paging.of(Params.parse("PageSize=60&Page=1")).hasNext(120)).isFalse();
		assertThat(Paging.of(Params.parse("PageSize=60&Page=0")).hasNext(120)).isTrue();
	}

	@Test
	void rejectsPageSizeAboveOneThousandAndBadTokens() {
		assertThatExceptionOfType(TwilioApiException.class).isThrownBy(() -> Paging.of(Params.parse("PageSize=1001")));
		assertThatExceptionOfType(TwilioApiException.class).isThrownBy(() -> Paging.of(Params.parse("PageToken=XX12")));
		assertThatExceptionOfType(TwilioApiException.class).isThrownBy(() -> Paging.of(Params.parse("PageToken=PTx")));
	}

}
