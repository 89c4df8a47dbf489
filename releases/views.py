from django.http import HttpResponse


def _todo(request, slug=None):
    return HttpResponse("")


release_list = release_detail = office_list = office_detail = _todo
project_list = project_detail = person_list = person_detail = _todo
