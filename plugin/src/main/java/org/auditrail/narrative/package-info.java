/** The case narrative: a model's plain-language account of a case, kept only where its citations hold. */
package org.auditrail.narrative;
