"""The rating scale as the tables and charts use it: categorical orders, colours and labels.

Ratings and certainty are ordered categoricals in the model's scale order (worst to best),
so every table and chart sorts the same way. The colour of each rating and direction is
defined here, once, from the Okabe-Ito palette, which stays distinct to colour-blind
readers; every chart also writes the label beside the colour.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from claimtracker.models import (
    CERTAINTY_ORDER,
    RATING_VALUES,
    Bias,
    Certainty,
    Design,
    Direction,
    Domain,
    Rating,
)
from claimtracker.vocab import label

__all__ = ["label"]  # re-exported: the tables and charts take it from here

#: Ratings from worst (contradicted) to best (supported): the categorical order.
RATING_ORDER: tuple[Rating, ...] = tuple(sorted(Rating, key=RATING_VALUES.__getitem__))
RATING_DTYPE = pd.CategoricalDtype([r.value for r in RATING_ORDER], ordered=True)
CERTAINTY_DTYPE = pd.CategoricalDtype([c.value for c in CERTAINTY_ORDER], ordered=True)
DIRECTION_DTYPE = pd.CategoricalDtype([d.value for d in Direction], ordered=True)
DOMAIN_DTYPE = pd.CategoricalDtype([d.value for d in Domain], ordered=True)
DESIGN_DTYPE = pd.CategoricalDtype([d.value for d in Design], ordered=True)
BIAS_DTYPE = pd.CategoricalDtype([b.value for b in Bias], ordered=True)

#: Colour-blind-safe colours (Okabe-Ito, read as a blue-to-orange diverging scale).
#: Every use shows the label beside the colour; colour is never the only cue.
RATING_COLOURS: dict[Rating, str] = {
    Rating.SUPPORTED: "#0072B2",  # blue
    Rating.PARTLY_SUPPORTED: "#56B4E9",  # sky blue
    Rating.UNPROVEN: "#999999",  # grey
    Rating.NOT_SUPPORTED: "#E69F00",  # orange
    Rating.CONTRADICTED: "#D55E00",  # vermilion
}
DIRECTION_COLOURS: dict[Direction, str] = {
    Direction.BENEFIT: "#0072B2",
    Direction.NO_DIFFERENCE: "#999999",
    Direction.MIXED: "#CC79A7",  # reddish purple
    Direction.HARM: "#D55E00",
}
POOLED_COLOUR = "#000000"
#: GRADE's own notation for certainty: filled circles out of four.
CERTAINTY_SYMBOL: dict[Certainty, str] = {
    Certainty.HIGH: "⊕⊕⊕⊕",
    Certainty.MODERATE: "⊕⊕⊕◯",
    Certainty.LOW: "⊕⊕◯◯",
    Certainty.VERY_LOW: "⊕◯◯◯",
}


def categorical(
    frame: pd.DataFrame, dtypes: Mapping[str, pd.CategoricalDtype]
) -> pd.DataFrame:
    for column, dtype in dtypes.items():
        frame[column] = frame[column].astype(dtype)
    return frame
