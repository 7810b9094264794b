window.gwsiteSearch.add(["f",1,"5w=="]);
