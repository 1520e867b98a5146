"""Two groups: curators change archive records (and import/export), viewers only view and export."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELS = ["sourcedocument", "meeting", "meetingforreview", "official", "officialalias", "officialredirect",
          "participation", "agendaitem", "document"]


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations; groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    archive = Permission.objects.filter(content_type__app_label="archive", content_type__model__in=MODELS)
    curators, _ = Group.objects.get_or_create(name="curators")
    curators.permissions.set(archive.filter(codename__regex=r"^(add|change|delete|view)_"))
    viewers, _ = Group.objects.get_or_create(name="viewers")
    viewers.permissions.set(archive.filter(codename__startswith="view_"))


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["curators", "viewers"]).delete()


class Migration(migrations.Migration):
    dependencies = [("archive", "0002_search_index"), ("auth", "0012_alter_user_first_name_max_length"), ("contenttypes", "0002_remove_content_type_name")]

    operations = [migrations.RunPython(create_groups, remove_groups)]
