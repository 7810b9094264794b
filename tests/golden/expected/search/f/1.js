window.gwsiteSearch.add(["f",1,"aA4="]);
