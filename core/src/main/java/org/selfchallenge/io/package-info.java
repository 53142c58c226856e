/**
 * Reading the command-line tools' input files: {@link org.selfchallenge.io.InputLines} hands out one line
 * at a time, as text or as the reason it is not usable, so one bad line never ends a batch.
 */
package org.selfchallenge.io;
