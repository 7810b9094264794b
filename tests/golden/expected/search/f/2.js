window.gwsiteSearch.add(["f",2,"/w=="]);
