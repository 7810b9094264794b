window.gwsiteSearch.add(["f",0,"lwE="]);
