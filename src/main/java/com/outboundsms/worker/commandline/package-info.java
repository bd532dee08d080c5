/**
 * What the worker's one-shot commands ({@code replay-dead-letters}, {@code enqueue})
 * share: the reading of their {@code --name=value} arguments and the frame around their
 * work (usage, help, context, exit status); nothing of the worker.
 */
@NullMarked
package com.outboundsms.worker.commandline;

import org.jspecify.annotations.NullMarked;
