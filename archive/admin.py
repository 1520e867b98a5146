from django.contrib import admin

from .models import AgendaItem, Document, Meeting, Official, Participation, SourceDocument

for model in (AgendaItem, Document, Meeting, Official, Participation, SourceDocument):
    admin.site.register(model)
