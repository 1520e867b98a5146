"""Officials whose names hold Latin letters get those words as pinyin (``pinyin_of``), so a search
in letters finds them by pinyin or initials as it finds any other (0028 flags them as well)."""

from django.db import migrations


def refill(apps, schema_editor):
    from archive.models.people import pinyin_fields

    Official = apps.get_model("archive", "Official")
    changed = []
    for official in Official.objects.filter(name__regex=r"[A-Za-z]").only("id", "name"):
        for field, value in pinyin_fields(official.name).items():
            setattr(official, field, value)
        changed.append(official)
    Official.objects.bulk_update(changed, ["pinyin", "pinyin_key", "initials"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("archive", "0025_meeting_body_year_date_id")]
    operations = [migrations.RunPython(refill, migrations.RunPython.noop)]
