/**
 * The reading of {@code --name=value} arguments the worker's one-shot commands share
 * ({@code replay-dead-letters}, {@code enqueue}); nothing of the worker.
 */
package com.outboundsms.worker.commandline;
