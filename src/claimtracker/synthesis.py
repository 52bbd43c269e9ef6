"""Pooled random-effects estimates from linked study outcomes.

Where two or more outcomes in one body of evidence report the same metric (with a 95% CI,
or with per-arm means, SDs and sizes), they are pooled with statsmodels' ``combine_effects``:
DerSimonian-Laird (``method_re="chi2"``) as the headline and Paule-Mandel
(``method_re="iterated"``) beside it as a check. The standard error comes from the CI
(on the log scale for ratio metrics); per-arm data become a bias-corrected SMD (Hedges g),
computed by :func:`hedges_g` with statsmodels' ``effectsize_smd`` formula (a test keeps the
two equal).

statsmodels, and numpy with it, are imported only when a fit needs them (Cochran's Q above
its degrees of freedom): they take about a second to import, and most bodies of evidence,
and a plain ``claimtracker validate``, never need them.

No double counting: a review is never pooled with the trials it includes (``Study.includes``),
and two reviews are never pooled with each other (their trial sets usually overlap, so only
the largest is kept). The engine (``grading``) hands in only the independent outcomes of a
body; the guard here keeps the module safe to call on its own.

The result types are plain frozen models, free of pandas; the dashboard builds frames from
``PooledEffect.rows`` for forest plots.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Literal

from pydantic import BaseModel, ConfigDict

from claimtracker.models import RATIO_METRICS, Metric, Outcome, Study

#: z for a two-sided 95% interval.
Z95 = 1.959963984540054
#: Pools need at least this many independent estimates.
MIN_POOLED = 2
#: Metrics that are never pooled: "es" is an unspecified effect size that means different
#: things in different papers.
UNPOOLED_METRICS = frozenset({Metric.ES})

Method = Literal["dl", "pm"]
_METHOD_RE: dict[str, str] = {"dl": "chi2", "pm": "iterated"}


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class RandomEffects(_Frozen):
    """One random-effects fit on the analysis scale (log scale for ratio metrics)."""

    method: Method
    estimate: float
    se: float
    ci_low: float
    ci_high: float
    tau2: float
    i2: float
    q: float
    k: int
    weights: list[float]


class StudyRow(_Frozen):
    """One study's estimate in a pool: a row of the forest plot (display scale)."""

    study: str
    outcome: str
    label: str
    estimate: float
    ci_low: float
    ci_high: float
    weight: float
    source: Literal["effect", "arms"]


class PooledEffect(_Frozen):
    """A pooled estimate for one metric within one body of evidence (display scale)."""

    body: str
    metric: Metric
    unit: str | None
    k: int
    estimate: float
    ci_low: float
    ci_high: float
    tau2: float
    i2: float
    q: float
    pm_estimate: float
    pm_ci_low: float
    pm_ci_high: float
    pm_tau2: float
    log_scale: bool
    benefit_sign: int | None
    rows: list[StudyRow]
    notes: list[str]
    #: False for a pool of trials that a review in the body covers: shown for the forest
    #: plot, never counted beside the review when the body is rated.
    counted: bool = True

    @property
    def null_value(self) -> float:
        """The value meaning "no difference" on the display scale."""
        return 1.0 if self.log_scale else 0.0


class _Input(_Frozen):
    study: Study
    outcome: Outcome
    metric: Metric
    unit: str | None
    value: float  # analysis scale
    se: float
    benefit_sign: int | None
    source: Literal["effect", "arms"]


def random_effects(
    effects: Sequence[float], variances: Sequence[float], method: Method = "dl"
) -> RandomEffects:
    """Fit a random-effects model with statsmodels (DL or Paule-Mandel), z-based 95% CI.

    When Cochran's Q is no larger than its degrees of freedom (k - 1), both estimators put
    tau^2 at zero: DerSimonian-Laird's is max(0, (Q - (k - 1)) / C), and Paule-Mandel's
    estimating equation is already below zero at tau^2 = 0. The fit is then the fixed-effect
    one, computed here. statsmodels is asked only when tau^2 can be positive: it does not
    truncate the DL estimate, and would otherwise weight the studies by 1 / (var + tau^2)
    with a negative tau^2 (weights of either sign, square roots of negative numbers).
    I^2 is likewise truncated at zero.
    """
    eff = [float(e) for e in effects]
    var = [float(v) for v in variances]
    if len(eff) != len(var) or len(eff) < 1:
        raise ValueError("need one variance per effect, and at least one effect")
    if not all(math.isfinite(x) for x in (*eff, *var)) or any(v <= 0 for v in var):
        raise ValueError("variances must be finite and above zero")
    k = len(eff)
    inverse = [1 / v for v in var]
    total = math.fsum(inverse)
    estimate = math.fsum(w * e for w, e in zip(inverse, eff, strict=True)) / total
    q = math.fsum(w * (e - estimate) ** 2 for w, e in zip(inverse, eff, strict=True))
    tau2, se, weights = 0.0, math.sqrt(1 / total), [w / total for w in inverse]
    if q > k - 1:
        import numpy as np
        from statsmodels.stats.meta_analysis import combine_effects

        res = combine_effects(
            np.asarray(eff), np.asarray(var), method_re=_METHOD_RE[method]
        )
        if float(res.tau2) > 0:
            tau2 = float(res.tau2)
            estimate, se = float(res.mean_effect_re), float(res.sd_eff_w_re)
            weights = [float(w) for w in res.weights_rel_re]
    i2 = max(0.0, (q - (k - 1)) / q) if q > 0 else 0.0
    return RandomEffects(
        method=method,
        estimate=estimate,
        se=se,
        ci_low=estimate - Z95 * se,
        ci_high=estimate + Z95 * se,
        tau2=tau2,
        i2=i2,
        q=q,
        k=k,
        weights=weights,
    )


def hedges_g(
    mean1: float, sd1: float, n1: int, mean2: float, sd2: float, n2: int
) -> tuple[float, float] | None:
    """Bias-corrected SMD of ``mean1 - mean2`` over the pooled SD, and its variance: the
    formula of statsmodels' ``effectsize_smd`` (Borenstein 2009), on plain floats. None
    when it is undefined (no spread, fewer than three people)."""
    nobs = n1 + n2
    if nobs < 3:
        return None
    pooled_var = (sd1**2 * (n1 - 1) + sd2**2 * (n2 - 1)) / (nobs - 2)
    if not pooled_var > 0:
        return None
    smd = (1 - 3 / (4 * nobs - 9)) * (mean1 - mean2) / math.sqrt(pooled_var)
    var = nobs / n1 / n2 + smd**2 / 2 / (nobs - 3.94)
    if not (math.isfinite(smd) and math.isfinite(var) and var > 0):
        return None
    return smd, var


def _from_effect(study: Study, outcome: Outcome) -> _Input | None:
    effect = outcome.effect
    if effect is None or effect.ci is None or effect.metric in UNPOOLED_METRICS:
        return None
    low, high = effect.ci
    if effect.metric in RATIO_METRICS:
        value, low, high = math.log(effect.value), math.log(low), math.log(high)
    else:
        value = effect.value
    se = (high - low) / (2 * Z95)
    if se <= 0:
        return None
    return _Input(
        study=study,
        outcome=outcome,
        metric=effect.metric,
        unit=effect.unit if effect.metric in (Metric.MD, Metric.RD) else None,
        value=value,
        se=se,
        benefit_sign=effect.benefit_sign,
        source="effect",
    )


def _from_arms(study: Study, outcome: Outcome) -> _Input | None:
    arms = outcome.arms
    if arms is None:
        return None
    c, k = arms.compression, arms.control
    if c.n + k.n < 3 or (c.sd == 0 and k.sd == 0):
        return None
    fit = hedges_g(c.mean, c.sd, c.n, k.mean, k.sd, k.n)
    if fit is None:
        return None
    smd, var = fit
    sign = outcome.effect.benefit_sign if outcome.effect is not None else None
    if sign is None and arms.higher_is_better is not None:
        sign = 1 if arms.higher_is_better else -1
    return _Input(
        study=study,
        outcome=outcome,
        metric=Metric.SMD,
        unit=None,
        value=float(smd),
        se=math.sqrt(float(var)),
        benefit_sign=sign,
        source="arms",
    )


def pool_input(study: Study, outcome: Outcome) -> _Input | None:
    """The poolable estimate of one outcome: its reported effect with a CI, else its arms."""
    return _from_effect(study, outcome) or _from_arms(study, outcome)


def _size(i: _Input) -> int:
    effect = i.outcome.effect
    return (effect.studies or 0) if effect else 0


def _independent(inputs: list[_Input]) -> tuple[list[_Input], list[str]]:
    """One estimate per study; no trial beside the review that includes it; one review."""
    notes: list[str] = []
    per_study: dict[str, _Input] = {}
    for i in inputs:
        if i.study.id in per_study:
            notes.append(
                f"{i.study.id} '{i.outcome.key}' left out: one estimate per study"
            )
        else:
            per_study[i.study.id] = i
    kept = list(per_study.values())
    reviews = [i for i in kept if i.study.is_review]
    lead = max(reviews, key=_size) if reviews else None
    out: list[_Input] = []
    for i in kept:
        if lead is not None and i is not lead and i.study.is_review:
            notes.append(
                f"{i.study.id} left out: it may overlap with the review {lead.study.id}"
            )
        elif lead is not None and i.study.id in lead.study.includes:
            notes.append(f"{i.study.id} left out: it is included in {lead.study.id}")
        else:
            out.append(i)
    return out, notes


def _harmonise(inputs: list[_Input]) -> tuple[list[_Input], int | None, list[str]]:
    """Put every estimate on one sign convention (positive favours compression when known)."""
    signs = {i.benefit_sign for i in inputs}
    if len(signs) == 1:
        return inputs, next(iter(signs)), []
    notes = [
        f"{i.study.id} left out: its effect does not say which sign favours compression"
        for i in inputs
        if i.benefit_sign is None
    ]
    flipped = [
        i.model_copy(update={"value": i.value * i.benefit_sign, "benefit_sign": 1})
        for i in inputs
        if i.benefit_sign is not None
    ]
    return flipped, 1, notes


def _display(value: float, log_scale: bool) -> float:
    return math.exp(value) if log_scale else value


def _label(study: Study, outcome: Outcome) -> str:
    return f"{study.id}: {outcome.name}"


def pool_outcomes(
    items: Sequence[tuple[Study, Outcome]], body: str = ""
) -> list[PooledEffect]:
    """Pool every metric reported by two or more independent outcomes in ``items``."""
    groups: dict[tuple[Metric, str | None], list[_Input]] = {}
    for study, outcome in items:
        found = pool_input(study, outcome)
        if found is not None:
            groups.setdefault((found.metric, found.unit), []).append(found)
    pooled: list[PooledEffect] = []
    for (metric, unit), inputs in sorted(
        groups.items(), key=lambda kv: (kv[0][0].value, kv[0][1] or "")
    ):
        kept, notes = _independent(inputs)
        kept, sign, more = _harmonise(kept)
        notes += more
        if len(kept) < MIN_POOLED:
            continue
        result = _pool(body, metric, unit, kept, sign, notes)
        pooled.append(result)
    return pooled


def _pool(
    body: str,
    metric: Metric,
    unit: str | None,
    kept: list[_Input],
    sign: int | None,
    notes: list[str],
) -> PooledEffect:
    log_scale = metric in RATIO_METRICS
    values = [i.value for i in kept]
    variances = [i.se**2 for i in kept]
    dl = random_effects(values, variances, "dl")
    pm = random_effects(values, variances, "pm")
    rows = [
        StudyRow(
            study=i.study.id,
            outcome=i.outcome.key,
            label=_label(i.study, i.outcome),
            estimate=_display(i.value, log_scale),
            ci_low=_display(i.value - Z95 * i.se, log_scale),
            ci_high=_display(i.value + Z95 * i.se, log_scale),
            weight=w,
            source=i.source,
        )
        for i, w in zip(kept, dl.weights, strict=True)
    ]
    return PooledEffect(
        body=body,
        metric=metric,
        unit=unit,
        k=dl.k,
        estimate=_display(dl.estimate, log_scale),
        ci_low=_display(dl.ci_low, log_scale),
        ci_high=_display(dl.ci_high, log_scale),
        tau2=dl.tau2,
        i2=dl.i2,
        q=dl.q,
        pm_estimate=_display(pm.estimate, log_scale),
        pm_ci_low=_display(pm.ci_low, log_scale),
        pm_ci_high=_display(pm.ci_high, log_scale),
        pm_tau2=pm.tau2,
        log_scale=log_scale,
        benefit_sign=sign,
        rows=rows,
        notes=notes,
    )
