"""A locality a curator writes (a form, an action, an import) as its division."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .. import divisions
from ..models import Division


def place_of(locality: str, year: int | None = None) -> Division | None:
    """The division ``locality`` names in ``year`` (None for no locality; see
    ``archive.divisions.resolve``). A locality that names no division,
    or several that its own words do not tell apart, is a ValidationError saying which."""
    if not locality:
        return None
    resolution = divisions.resolve(locality, year=year)
    if resolution.ambiguous:
        raise ValidationError(
            _("%(locality)s may be %(candidates)s; write the fuller name (e.g. %(example)s).")
            % {
                "locality": locality,
                "candidates": "、".join(resolution.candidates),
                "example": resolution.candidates[0],
            }
        )
    if resolution.division_id is None:
        raise ValidationError(_("%(locality)s is no administrative division (GB/T 2260).") % {"locality": locality})
    return Division.objects.get(pk=resolution.division_id)
