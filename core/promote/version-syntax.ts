/** What a front door accepts as an image version, checked once where its input is parsed. */

/** A digest as kubeproof pins it: `sha256:` and 64 lower-case hex digits. */
export const IMAGE_DIGEST = /^sha256:[a-f0-9]{64}$/;

// https://github.com/distribution/reference/blob/main/reference.go (tag grammar)
/** An image tag: letters, digits, `_`, `.` and `-`, up to 128, not starting with `.` or `-`. */
export const IMAGE_TAG = /^[\w][\w.-]{0,127}$/;
