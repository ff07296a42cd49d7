/** The built-in small tool-calling language model on DJL. */
package dev.looptool.policy;
