/** How the review comment is cut and marked. */
export interface CommentOptions {
  /** Maximum length of one body in UTF-16 code units. Default and upper bound: GitHub's 65,536. */
  maxLength?: number;
  /** Key of the hidden marker `<!-- kubeproof:KEY -->`; lower-case letters, digits and dashes. */
  marker?: string;
}
