package com.outboundsms.worker.web;

import java.nio.file.Path;

import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts Debian's Chromium, headless, through Debian's chromedriver: never a browser or a
 * driver fetched at run time, and a failure, not a skip, when either is missing.
 */
final class HeadlessChromium {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private HeadlessChromium() {
	}

	static WebDriver start() {
		assertThat(CHROMIUM).as("Debian's chromium: apt-get install chromium chromium-driver (.ci/run does)")
			.isExecutable();
		assertThat(CHROMEDRIVER).as("Debian's chromedriver: apt-get install chromium-driver (.ci/run does)")
			.isExecutable();
		ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
			// no sandbox: CI runs as root in a container, where Chromium's sandbox cannot
			// start;
			// /tmp instead of a container's small /dev/shm
			.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900");
		// an explicit driver keeps Selenium Manager from looking for one online
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		return new ChromeDriver(service, options);
	}

}
