import pytest
from django.contrib.auth.models import Group, User


def _user(name, group=None, superuser=False):
    user = User.objects.create_user(name, password="pw-" + name, is_staff=True, is_superuser=superuser)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def curator(db):
    return _user("curator", "curators")


@pytest.fixture
def viewer(db):
    return _user("viewer", "viewers")


@pytest.fixture
def curator_client(client, curator):
    client.force_login(curator)
    return client


@pytest.fixture
def viewer_client(client, viewer):
    client.force_login(viewer)
    return client
