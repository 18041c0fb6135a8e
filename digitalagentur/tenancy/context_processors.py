def region(request):
    return {
        "region": getattr(request, "region", None),
        "access": getattr(request, "access", None),
    }
