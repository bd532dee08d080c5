package com.outboundsms.worker.ops;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metric names found in PromQL are the selected metrics, not functions, labels,
 * durations or Grafana variables.
 */
class PromQlTests {

	@Test
	void findsTheMetricOfARateByLabels() {
		assertThat(PromQl.metricNames(
				"sum by (outcome) (rate(outbound_sms_requests_total{instance=~\"$instance\",outcome=\"failed\"}[$__rate_interval]))"))
			.containsExactly("outbound_sms_requests_total");
	}

	@Test
	void findsBothSidesOfARatioAndIgnoresNumbers() {
		assertThat(PromQl.metricNames("""
				sum by (job) (rate(outbound_sms_twilio_calls_seconds_count{status="429"}[5m]))
				  / sum by (job) (rate(outbound_sms_twilio_calls_seconds_count[5m]))
				> 0.05 and on (job) up offset 5m""")).containsExactly("outbound_sms_twilio_calls_seconds_count", "up");
	}

	@Test
	void findsTheBucketsOfAHistogramQuantile() {
		assertThat(PromQl.metricNames(
				"histogram_quantile(0.95, sum(rate(outbound_sms_processing_seconds_bucket[5m])) by (le, outcome))"))
			.containsExactly("outbound_sms_processing_seconds_bucket");
	}

	@Test
	void ignoresLabelListsAfterTheAggregationAndLabelsInStrings() {
		assertThat(PromQl.metricNames("max(outbound_sms_queue_messages{queue=\"dead-letters\"}) without (instance)"))
			.containsExactly("outbound_sms_queue_messages");
	}

	@Test
	void readsTheMetricOfAGrafanaLabelValuesQuery() {
		assertThat(PromQl.metricNames("label_values(outbound_sms_requests_total{job=\"w\"}, instance)"))
			.containsExactly("outbound_sms_requests_total");
	}

}
